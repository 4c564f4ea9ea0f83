// Colour per PLOVER type: warm for material conflict, cool for cooperation, greys for talk.
export const TYPE_COLORS = {
  ASSAULT: "#d7191c", COERCE: "#f46d43", MOBILIZE: "#a6611a", SANCTION: "#9e0142",
  THREATEN: "#e7298a", PROTEST: "#fdae61", ACCUSE: "#c994c7", REJECT: "#8c6bb1",
  REQUEST: "#74add1", RETREAT: "#66c2a5", AID: "#1a9850", COOPERATE: "#3288bd",
  CONCEDE: "#5aae61", SUPPORT: "#4575b4", CONSULT: "#878787", AGREE: "#01665e",
};
export const TYPES = Object.keys(TYPE_COLORS).sort();
export const STATUSES = ["occurred", "planned", "threatened", "denied", "hypothetical"];
export const color = (t) => TYPE_COLORS[t] || "#444";
