import { useState } from "react";

import { AppFrame } from "./components/frame/AppFrame";
import type { Section } from "./components/frame/sections";
import { Spinner } from "./components/primitives/Spinner";
import { useSession, useSessionEvents } from "./data/session";
import { ConnectionsScreen } from "./screens/connections/ConnectionsScreen";
import { InteractionsScreen } from "./screens/interactions/InteractionsScreen";
import { OverviewScreen } from "./screens/overview/OverviewScreen";

export function App() {
  const session = useSession();
  const [section, setSection] = useState<Section | null>(null);
  useSessionEvents();

  // Land once, when the session is first known: supervisors signed in go straight to
  // Interactions (what they use all day); otherwise Overview explains how to sign in.
  if (section === null && !session.isPending) {
    setSection(session.data ? "interactions" : "overview");
  }

  const openConnections = () => setSection("connections");
  return (
    <AppFrame section={section} onNavigate={setSection}>
      {section === null ? <Spinner label="Loading session" /> : null}
      {section === "interactions" ? (
        <InteractionsScreen onOpenConnections={openConnections} />
      ) : null}
      {section === "overview" ? <OverviewScreen onOpenConnections={openConnections} /> : null}
      {section === "connections" ? <ConnectionsScreen /> : null}
    </AppFrame>
  );
}
