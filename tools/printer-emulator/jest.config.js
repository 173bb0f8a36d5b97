module.exports = {
  // The shared preset lives at the workspace root, outside any Nx project.
  ...require('../../jest.preset.js'),
  displayName: 'printer-emulator',
  rootDir: __dirname,
};
