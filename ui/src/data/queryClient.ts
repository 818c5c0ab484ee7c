import { QueryClient } from "@tanstack/react-query";

import type { IpcError } from "../ipc";

// Every query and mutation goes through ui/src/ipc, which only ever rejects with IpcError.
declare module "@tanstack/react-query" {
  interface Register {
    defaultError: IpcError;
  }
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The backend is local; a failure is an answer, not a flaky network hop.
        retry: false,
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
