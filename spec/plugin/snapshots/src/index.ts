// The bundle's entry: every construct's file, in one bundle.
import { exported } from "./functions";
import { block } from "./arrows";
import { Scanner } from "./methods";
import { steps } from "./try";
import { withResources } from "./using";
import { combined } from "./promises";
import { plain } from "./plain";

export const all = [exported("x"), block([1]), new Scanner(2).count(), steps(), withResources(), combined(), plain()];
