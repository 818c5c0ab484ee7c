import type { ReactNode } from "react";

import { Header } from "./Header";
import type { Section } from "./sections";
import { Sidebar } from "./Sidebar";
import "./frame.css";

export interface AppFrameProps {
  /** Null while the app decides where to land. */
  section: Section | null;
  onNavigate: (section: Section) => void;
  children: ReactNode;
}

/** Sidebar on the left; header and the current section on the right. */
export function AppFrame({ section, onNavigate, children }: AppFrameProps) {
  return (
    <div className="app-frame" data-testid="app-frame">
      <Sidebar section={section} onNavigate={onNavigate} />
      <div className="app-frame__main">
        <Header onOpenConnections={() => onNavigate("connections")} />
        <main className="app-frame__content">{children}</main>
      </div>
    </div>
  );
}
