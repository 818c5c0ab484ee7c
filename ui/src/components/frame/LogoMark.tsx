import { Headset } from "lucide-react";

/** The product mark: a headset on the accent colour. */
export function LogoMark() {
  return (
    <span className="logo-mark" aria-hidden="true">
      <Headset size={14} strokeWidth={2.25} />
    </span>
  );
}
