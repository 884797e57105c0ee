// JSON values as the API's JSON scalar carries them (codegen maps the scalar to Json).
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
