// Who is booking or asking: identity (national ID, or passport and nationality), name, mobile and
// e-mail. Both paths of the booking page share these fields, their checks and how a refusal from
// the server lands on the field it is about. Client checks only catch typos early; the server's
// refusal is what we show. Each problem names what to do about it ("Enter your mobile number"):
// the error summary lists them as links, so "this field is required" three times would say nothing.

import { $, text, westernDigits } from "./ui.js";

// Which field a refusal from the server is about.
const FIELD_OF = {
  invalid_national_id: "national_id",
  invalid_passport: "passport_number",
  invalid_nationality: "nationality",
  invalid_name: "full_name",
  invalid_phone: "phone",
  invalid_email: "email",
};

export function identityType(form) {
  return form.querySelector('input[name="identity_type"]:checked').value;
}

export function setIdentityType(form, type) {
  form.querySelector(`input[name="identity_type"][value="${type}"]`).checked = true;
  for (const block of form.querySelectorAll("[data-identity]")) block.hidden = block.dataset.identity !== type;
}

/** ``[[field id, message], …]`` for an identity number or nationality plainly mistyped or missing. */
export function checkIdentity(form) {
  const errors = [];
  const fail = (id, key) => errors.push([id, text(key)]);
  if (identityType(form) === "national_id") {
    const nid = westernDigits($("national_id").value);
    if (!nid) fail("national_id", "error.nid_required");
    else if (!/^[23]\d{13}$/.test(nid)) fail("national_id", "error.nid_digits");
  } else {
    const passport = westernDigits($("passport_number").value).toUpperCase();
    if (!passport) fail("passport_number", "error.passport_required");
    else if (!/^[A-Z0-9]{6,12}$/.test(passport)) fail("passport_number", "error.passport");
    if (!$("nationality").value) fail("nationality", "error.nationality_required");
  }
  return errors;
}

/** The same for the name and the mobile number (the e-mail is the server's to check). */
export function checkContact() {
  const errors = [];
  const fail = (id, key) => errors.push([id, text(key)]);
  const name = $("full_name").value.trim();
  if (!name) fail("full_name", "error.name_required");
  else if (name.length < 3) fail("full_name", "error.name");
  const phone = westernDigits($("phone").value).replace(/[()]/g, "");
  if (!phone) fail("phone", "error.phone_required");
  else if (!/^(\+20|0020|0)?1[0125]\d{8}$/.test(phone)) fail("phone", "error.phone");
  return errors;
}

export function checkApplicant(form) {
  return [...checkIdentity(form), ...checkContact()];
}

/** The applicant's part of a booking or a request, as the API takes it. */
export function applicant(form) {
  const identity = identityType(form) === "national_id"
    ? { type: "national_id", number: westernDigits($("national_id").value) }
    : {
      type: "passport",
      number: westernDigits($("passport_number").value).toUpperCase(),
      nationality: $("nationality").value,
    };
  return {
    identity,
    full_name: $("full_name").value.trim(),
    phone: westernDigits($("phone").value),
    email: $("email").value.trim() || null,
  };
}

/** The field a refusal from the server is about, when it is one of the applicant's, or one that
 *  ``more`` names (a request's days); else null. */
export function refusedField(error, more = {}) {
  return FIELD_OF[error.code] ?? more[error.code] ?? null;
}
