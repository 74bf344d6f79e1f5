// Square screens show the system status bar at the top, 64 px high, with the app's name and the time,
// unless the page hides it with setStatusBarVisible(false) (docs: guides/best-practice/multi-screen-adaption.mdx,
// reference/device-app-api/newAPI/ui/setStatusBarVisible.mdx, API 2.0, square screens only).
// Page content starts below it. No @zos import here: the layout files that use it stay plain data.
export const STATUS_BAR_HEIGHT = 64;
