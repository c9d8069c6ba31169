/** @noSelfInFile */
/**
 * The client glue's state: one table on the library (`lib._state.wow`) that every copy of the
 * library uses as it is, never copies: the driver's frame and settings, the source maps, and
 * each wait kind's fields. None of it is touched per resume, so it can live in a table. Its
 * type is made from the driver's KINDS: a kind brings its fields with it.
 *
 * Its layout is a contract between versions. Functions an addon cached from an older copy that
 * does not forward them (0.1.x's waits) still read and write these fields by name, so fields
 * are only added and keep their meaning. Each part fills its own fields' defaults when a copy
 * binds the table (the driver's in driver.ts, each kind's in its bind): a field a newer version
 * added has its default after an upgrade.
 */
import type { DriverState, Kind } from "./driver";
import type { StateOf } from "./kinds";
import type { SourceMapState } from "./sourcemaps";

export type WowState = DriverState & SourceMapState & StateOf<Kind>;
