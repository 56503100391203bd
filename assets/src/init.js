// EHC Advice Portal: start GOV.UK Frontend components (ES module).
// Loaded with <script type="module" src="/assets/govuk/init.js"> at the end
// of <body>; initAll() finds every [data-module="govuk-..."] element.
import { initAll } from './govuk-frontend.min.js'

initAll()
