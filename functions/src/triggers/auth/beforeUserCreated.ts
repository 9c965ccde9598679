import { beforeUserCreated } from "firebase-functions/v2/identity";
import { assignPatientRole } from "../../handlers/auth/beforeUserCreated";

export const beforeCreate = beforeUserCreated({}, (event) => assignPatientRole(event));
