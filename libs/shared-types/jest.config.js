module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'shared-types',
  rootDir: __dirname,
};
