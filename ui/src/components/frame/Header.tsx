import { SessionControls } from "../session/SessionControls";
import { ConnectionSwitcher } from "./ConnectionSwitcher";
import "./frame.css";

export interface HeaderProps {
  onOpenConnections: () => void;
}

export function Header({ onOpenConnections }: HeaderProps) {
  return (
    <header className="app-header">
      <ConnectionSwitcher />
      <SessionControls onOpenConnections={onOpenConnections} />
    </header>
  );
}
