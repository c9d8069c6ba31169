/** @noSelfInFile */
/**
 * The core state, whole and writable: for the scheduler's sync (scheduler.ts), the edit bracket
 * (settings.ts: editState) and the code that creates and hands over states (src/versions/). A
 * dependency rule (.dependency-cruiser.cjs) keeps every other module on the view in state.ts.
 */
import { CoreState, coreState } from "./state";

export const wholeState = coreState as CoreState;
