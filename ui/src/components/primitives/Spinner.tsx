import "./primitives.css";

export interface SpinnerProps {
  size?: "sm" | "md";
  /** Read by screen readers; omit when nearby text already says what is happening. */
  label?: string;
}

export function Spinner({ size = "md", label }: SpinnerProps) {
  return (
    <span className={`spinner spinner--${size}`}>
      <span className="spinner__ring" aria-hidden="true" />
      {label ? <span className="visually-hidden">{label}</span> : null}
    </span>
  );
}
