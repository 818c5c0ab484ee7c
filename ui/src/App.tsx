import { useState } from "react";

import { AppFrame } from "./components/frame/AppFrame";
import type { Section } from "./components/frame/sections";
import { useSessionEvents } from "./data/session";
import { ConnectionsScreen } from "./screens/connections/ConnectionsScreen";
import { OverviewScreen } from "./screens/overview/OverviewScreen";

export function App() {
  const [section, setSection] = useState<Section>("overview");
  useSessionEvents();
  return (
    <AppFrame section={section} onNavigate={setSection}>
      {section === "overview" ? (
        <OverviewScreen onOpenConnections={() => setSection("connections")} />
      ) : (
        <ConnectionsScreen />
      )}
    </AppFrame>
  );
}
