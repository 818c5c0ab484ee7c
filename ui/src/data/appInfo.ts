import { useQuery } from "@tanstack/react-query";

import { getAppInfo } from "../ipc";
import { queryKeys } from "./queryKeys";

export function useAppInfo() {
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: getAppInfo, staleTime: Infinity });
}
