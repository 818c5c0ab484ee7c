import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";

import { TooltipProvider } from "./components/primitives/Tooltip";

/** Everything screens need above them; tests render with the same providers. */
export function AppProviders({ client, children }: { client: QueryClient; children: ReactNode }) {
  return (
    <QueryClientProvider client={client}>
      <TooltipProvider delayDuration={400}>{children}</TooltipProvider>
    </QueryClientProvider>
  );
}
