module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'goodcom-protocol',
  rootDir: __dirname,
};
