// EHC Advice Portal: mark the page as JavaScript-enabled before it paints.
// Loaded with a classic <script src> as the first child of <body> (the CSP
// forbids inline script, so GOV.UK's inline template snippet lives here).
// govuk-frontend 6.x components initialise only when <body> has the class
// govuk-frontend-supported, i.e. in browsers that run ES modules.
document.body.className += ' js-enabled' +
  ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
