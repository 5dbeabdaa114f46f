// "Lost your booking code?": the identity and the mobile the booking was made with go to
// POST /api/v1/bookings/recover; the server texts the codes of that identity's active bookings to
// that mobile, and answers the same whether or not it found any, so the page does too.

import { api } from "./api.js";
import { $, busy, clearFieldErrors, focusOn, say, showFieldError, text, westernDigits } from "./ui.js";

const FIELD_OF = {
  invalid_national_id: "recover_national_id",
  invalid_passport: "recover_passport_number",
  invalid_nationality: "recover_nationality",
  invalid_identity: "recover_national_id",
  invalid_phone: "recover_phone",
};

/** Ask the server to text the codes of ``identity``'s active bookings to ``phone``. */
export function recoverCodes(identity, phone) {
  return api("/api/v1/bookings/recover", { method: "POST", body: { identity, phone } });
}

function chosenType(form) {
  return form.querySelector('input[name="recover_identity_type"]:checked').value;
}

function identityOf(form) {
  if (chosenType(form) === "national_id") {
    return { type: "national_id", number: westernDigits($("recover_national_id").value) };
  }
  return {
    type: "passport",
    number: westernDigits($("recover_passport_number").value).toUpperCase(),
    nationality: $("recover_nationality").value,
  };
}

function mistakes(form) {
  const errors = [];
  const fail = (id, key) => errors.push([id, text(key)]);
  const identity = identityOf(form);
  if (identity.type === "national_id") {
    if (!identity.number) fail("recover_national_id", "error.required");
    else if (!/^[23]\d{13}$/.test(identity.number)) fail("recover_national_id", "error.nid_digits");
  } else {
    if (!identity.number) fail("recover_passport_number", "error.required");
    if (!identity.nationality) fail("recover_nationality", "error.required");
  }
  const phone = westernDigits($("recover_phone").value).replace(/[()]/g, "");
  if (!phone) fail("recover_phone", "error.required");
  else if (!/^(\+20|0020|0)?1[0125]\d{8}$/.test(phone)) fail("recover_phone", "error.phone");
  return errors;
}

/** Wire the form of citizen/_recover_code.html. */
export function setUpRecovery() {
  const form = $("recover-form");
  if (!form) return;
  const errorBox = $("recover-error");
  const sent = $("recover-sent");
  for (const input of form.querySelectorAll('input[name="recover_identity_type"]')) {
    input.addEventListener("change", () => {
      for (const block of form.querySelectorAll("[data-recover-identity]")) {
        block.hidden = block.dataset.recoverIdentity !== input.value;
      }
    });
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    say(errorBox, "");
    say(sent, "");
    const errors = mistakes(form);
    if (errors.length) {
      for (const [id, message] of errors) showFieldError(id, message);
      say(errorBox, text("error.form"));
      $(errors[0][0]).focus();
      return;
    }
    const button = $("recover-submit");
    busy(button, true, text("recover.sending"));
    try {
      await recoverCodes(identityOf(form), westernDigits($("recover_phone").value));
      say(sent, text("recover.sent"));
      focusOn(sent);
    } catch (refusal) {
      const field = FIELD_OF[refusal.code];
      if (field) showFieldError(field, refusal.message);
      say(errorBox, refusal.message);
      focusOn(errorBox);
    } finally {
      busy(button, false);
    }
  });
}
