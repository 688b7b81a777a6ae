// Runs on every page as an external module script: the content security policy allows no inline
// script. It does what the GOV.UK page template's inline snippet would do (mark the page as having
// JavaScript, so components can enhance themselves), then starts GOV.UK Frontend's components.
// Every page works without it.
document.body.classList.add('js-enabled', 'govuk-frontend-supported')

// The layout names GOV.UK Frontend's fingerprinted address on this script's tag, so this file
// never has to change when GOV.UK Frontend does.
const script = document.querySelector('script[data-govuk-frontend]')
if (script) {
  import(script.dataset.govukFrontend).then((govuk) => govuk.initAll())
}
