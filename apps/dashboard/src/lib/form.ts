// Reading server-action form fields: strings only (a File is never expected here).

export function formString(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
