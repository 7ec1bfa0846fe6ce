// Marks the run and gives it its own temporary folder (see leftovers.cjs).
module.exports = require('./leftovers.cjs').setup;
