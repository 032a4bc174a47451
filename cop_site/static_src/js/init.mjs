// Starts only the GOV.UK Frontend components the site's templates use. Pages work
// without this script; it adds show/hide, counters, focus handling and the mobile menu.
import {
  Button,
  CharacterCount,
  Checkboxes,
  ErrorSummary,
  ExitThisPage,
  NotificationBanner,
  PasswordInput,
  Radios,
  ServiceNavigation,
  SkipLink,
  createAll,
} from "./govuk-frontend.min.js";

for (const Component of [
  Button,
  CharacterCount,
  Checkboxes,
  ErrorSummary,
  ExitThisPage,
  NotificationBanner,
  PasswordInput,
  Radios,
  ServiceNavigation,
  SkipLink,
]) {
  createAll(Component);
}
