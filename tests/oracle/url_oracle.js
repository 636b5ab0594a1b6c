// Postman's own URL pipeline (postman-collection + postman-url-encoder, as newman uses them):
// Url(input) -> toString() -> Url(string) -> toNodeUrl().  Reads a JSON array on stdin and
// prints, per input, the URL as it goes on the wire (fragment removed).
const fs = require('fs');
const sdk = require('postman-collection');
const encoder = require('postman-url-encoder');

const inputs = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = inputs.map((input) => {
    try {
        const printed = new sdk.Url(input).toString();
        const node = encoder.toNodeUrl(new sdk.Url(printed));
        const hash = node.hash || '';
        return { printed, wire: node.href.slice(0, node.href.length - hash.length) };
    } catch (err) {
        return { error: String(err) };
    }
});
process.stdout.write(JSON.stringify(out));
