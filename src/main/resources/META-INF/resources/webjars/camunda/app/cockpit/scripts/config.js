// Cockpit configuration of Oversight: adds the owner's dashboard (scripts/oversight.js).
// This file replaces the (all-comments) config.js of the Camunda webjar.
export default {
  customScripts: ['scripts/oversight.js']
};
