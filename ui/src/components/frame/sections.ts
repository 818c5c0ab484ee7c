/** The app's sections; the sidebar lists exactly these. */
export type Section = "interactions" | "overview" | "connections";
