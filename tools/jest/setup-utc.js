// Every suite runs in UTC so that local-time formatting is always explicit in the code under test.
process.env.TZ = 'UTC';
