// The Content-Type Postman's runtime gives a file upload (mime-types lookup, else octet-stream).
const fs = require('fs');
const mime = require('mime-types');
const names = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(names.map((n) => mime.lookup(n) || 'application/octet-stream')));
