// Says on the page why a security key or passkey could not be used. allauth's WebAuthn
// script reports a failed or cancelled request only as an "allauth.error" event (and in the
// console), so without this the page would not change and the person would not know why.
//
// The message goes in a GOV.UK error summary at the top of the main column, which takes
// focus and is announced by screen readers. A page may already have one with the same id
// (the server refused a key); its message is replaced, so there is only ever one.

const MESSAGES = {
  // Cancelled, timed out, or no key answered.
  NotAllowedError:
    "Your security key or passkey did not respond, or the request was cancelled. Try again.",
  AbortError:
    "Your security key or passkey did not respond, or the request was cancelled. Try again.",
  // The key already holds a credential for this account.
  InvalidStateError:
    "That security key or passkey is already added to your account. Use a different one.",
  NotSupportedError: "Your browser or device cannot use this kind of security key or passkey.",
  SecurityError:
    "Your browser refused to use a security key or passkey on this site. Check you are on the right address.",
};
const FALLBACK = "Your security key or passkey could not be used. Try again.";
const SUMMARY_ID = "webauthn-error-summary";

function errorSummary() {
  const existing = document.getElementById(SUMMARY_ID);
  if (existing) {
    return existing;
  }
  const summary = document.createElement("div");
  summary.id = SUMMARY_ID;
  summary.className = "govuk-error-summary";
  summary.tabIndex = -1;

  const alert = document.createElement("div");
  alert.setAttribute("role", "alert");
  const title = document.createElement("h2");
  title.className = "govuk-error-summary__title";
  title.textContent = "There is a problem";
  const body = document.createElement("div");
  body.className = "govuk-error-summary__body";
  const message = document.createElement("p");
  message.className = "govuk-body";
  body.append(message);
  alert.append(title, body);
  summary.append(alert);

  const column =
    document.querySelector("main .govuk-grid-column-two-thirds") ?? document.querySelector("main");
  column.prepend(summary);
  return summary;
}

document.addEventListener("allauth.error", (event) => {
  const { tags = [], exception } = event.detail ?? {};
  if (!tags.includes("webauthn")) {
    return;
  }
  const summary = errorSummary();
  summary.querySelector(".govuk-error-summary__body p").textContent =
    MESSAGES[exception?.name] ?? FALLBACK;
  summary.focus();
});
