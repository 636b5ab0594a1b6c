#!/usr/bin/env node
/**
 * Runs one collection through newman (as a library) and writes, per leaf item, the echo id that
 * the loopback echo proxy gave its request (or newman's error), so the Python harness can look up
 * exactly what newman sent.
 *
 * Usage: node run_newman.js SPEC.json
 *   SPEC = { collection, environment, out, workingDir, timeoutRequest }
 *
 * Proxying comes from the HTTP(S)_PROXY environment variables, which postman-request honours, so
 * nothing about the request itself is changed.  Scripts (`event` entries) are stripped at every
 * level before the run: the conformance suite compares the static form of each request.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const newman = require(path.join(__dirname, 'node_modules', 'newman'));

/** Reads JSON the way newman does (a UTF-8 BOM is allowed). */
function readJson (file) {
    return JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
}

/** Removes `event` from the collection and from every item and folder, in place. */
function stripEvents (node) {
    delete node.event;
    if (Array.isArray(node.item)) {
        node.item.forEach((child) => {
            if (child && typeof child === 'object') { stripEvents(child); }
        });
    }
}

/** The echo id from the proxy's response: header first (HEAD has no body), then the JSON body. */
function echoIdOf (response) {
    if (!response) { return null; }
    const header = response.headers && response.headers.get('X-Postgen-Echo-Id');
    if (header) { return Number(header); }
    try {
        return JSON.parse(response.stream.toString('utf8')).postgen_echo_id;
    }
    catch (e) {
        return null;
    }
}

const spec = readJson(process.argv[2]);
const collection = readJson(spec.collection);
stripEvents(collection);

/** position -> result; `position` is the index in newman's depth-first list of leaf items */
const results = {};
const entry = (cursor, item) => {
    const key = String(cursor.position);
    if (!results[key]) {
        results[key] = {
            position: cursor.position,
            item_id: item ? item.id : null,
            name: item ? item.name : null,
            echo_ids: [],
            errors: [],
            warnings: []
        };
    }
    return results[key];
};

newman.run({
    collection: collection,
    environment: readJson(spec.environment),
    insecure: true,
    ignoreRedirects: true,
    timeoutRequest: spec.timeoutRequest || 15000,
    workingDir: spec.workingDir,
    reporters: []
})
    .on('beforeItem', (err, args) => { entry(args.cursor, args.item); })
    .on('request', (err, args) => {
        const result = entry(args.cursor, args.item);
        if (err) { result.errors.push(String(err.message || err)); }
        const echoId = echoIdOf(args.response);
        if (echoId !== null && echoId !== undefined) { result.echo_ids.push(echoId); }
    })
    .on('console', (err, args) => {
        if (args && args.cursor && args.level === 'warn') {
            entry(args.cursor, null).warnings.push(args.messages.map(String).join(' '));
        }
    })
    .on('done', (err, summary) => {
        const out = {
            error: err ? String(err.message || err) : null,
            run_failures: summary ? summary.run.failures.length : null,
            items: Object.values(results).sort((a, b) => a.position - b.position)
        };
        fs.writeFileSync(spec.out, JSON.stringify(out, null, 1));
        // a keep-alive socket left open to the echo proxy would hold the process until the
        // proxy's idle timeout (a minute): everything is written, so leave now
        process.exit(0);
    });
