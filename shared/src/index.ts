// The package is imported by subpath (e.g. '@concord/shared/scenario/index'); its root entry exports nothing.
export {};
