import { useCancelSignIn, usePendingSignIns, useSignIn } from "../../data/session";
import type { Connection } from "../../ipc";

/**
 * Sign-in for one place in the UI (a row, the header): start, cancel, and the error to
 * show. Whether a connection is signing in is shared, so a sign-in started in a row still
 * shows as pending in the header. A cancelled sign-in is the person's choice, not an error.
 */
export function useSignInFlow() {
  const signIn = useSignIn();
  const cancel = useCancelSignIn();
  const pendingIds = usePendingSignIns();
  const signInError = signIn.error?.code === "Cancelled" ? null : signIn.error;
  return {
    start: (connection: Connection, staySignedIn: boolean) => {
      cancel.reset();
      signIn.mutate({ id: connection.id, staySignedIn });
    },
    cancel: (connection: Connection) => cancel.mutate(connection.id),
    isPending: (connection: Connection) => pendingIds.includes(connection.id),
    cancelling: cancel.isPending,
    error: signInError ?? cancel.error,
  };
}
