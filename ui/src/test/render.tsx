import { render, type RenderResult } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import type { QueryClient } from "@tanstack/react-query";
import type { ReactElement } from "react";

import { AppProviders } from "../AppProviders";
import { createQueryClient } from "../data/queryClient";

export interface Rendered extends RenderResult {
  user: UserEvent;
  client: QueryClient;
}

/** Renders with a fresh query cache and the app's providers, plus a user-event driver. */
export function renderWithProviders(ui: ReactElement): Rendered {
  const client = createQueryClient();
  const user = userEvent.setup();
  const result = render(<AppProviders client={client}>{ui}</AppProviders>);
  return { ...result, user, client };
}
