import { Cable, LayoutDashboard, ListChecks } from "lucide-react";
import type { ReactNode } from "react";

import { useAppInfo } from "../../data/appInfo";
import { LogoMark } from "./LogoMark";
import type { Section } from "./sections";
import "./frame.css";

interface NavItem {
  section: Section;
  label: string;
  icon: ReactNode;
}

const NAV_ITEMS: readonly NavItem[] = [
  {
    section: "interactions",
    label: "Interactions",
    icon: <ListChecks size={16} aria-hidden="true" />,
  },
  {
    section: "overview",
    label: "Overview",
    icon: <LayoutDashboard size={16} aria-hidden="true" />,
  },
  { section: "connections", label: "Connections", icon: <Cable size={16} aria-hidden="true" /> },
];

export interface SidebarProps {
  /** Null while the app decides where to land. */
  section: Section | null;
  onNavigate: (section: Section) => void;
}

export function Sidebar({ section, onNavigate }: SidebarProps) {
  const appInfo = useAppInfo();
  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <LogoMark />
        <span>Supervisor Console</span>
      </div>
      <nav aria-label="Sections">
        <ul className="sidebar__nav">
          {NAV_ITEMS.map((item) => (
            <li key={item.section}>
              <button
                type="button"
                className="sidebar__link"
                aria-current={item.section === section ? "page" : undefined}
                data-testid={`nav-${item.section}`}
                onClick={() => onNavigate(item.section)}
              >
                {item.icon}
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {appInfo.data ? <p className="sidebar__version">Version {appInfo.data.version}</p> : null}
    </aside>
  );
}
