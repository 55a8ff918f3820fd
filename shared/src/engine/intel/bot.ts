export function intelBot(): [] { return []; }
