// zpm resolves `zosLoader:./index.[pf].layout.js` to the layout file of the device's screen shape
// ([pf] becomes r, s or b). Each page casts `layout` to the interface its layout files implement.
declare module 'zosLoader:*' {
  export const layout: unknown;
}
