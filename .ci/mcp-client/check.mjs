// Drives Oversight's MCP server with the official TypeScript MCP client, as an agent framework would:
// connect, list tools, submit a routine and an escalated proposal, wait with progress, answer a
// reviewer's question, read the trail and a policy, and be refused with a wrong key.
// Usage: node check.mjs <base url> <agent key> <examples dir>
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [base, key, examples] = process.argv.slice(2);
const example = (name) => ({
  ...JSON.parse(readFileSync(join(examples, `${name}.json`), "utf8")),
  idempotencyKey: `ts-client/${name}/${randomUUID()}`,
});

async function connect(agentKey) {
  const transport = new StreamableHTTPClientTransport(new URL("/mcp", base), {
    requestInit: { headers: { Authorization: `Bearer ${agentKey}` } },
  });
  const client = new Client({ name: "oversight-ts-check", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

async function reviewer(path, init = {}) {
  const response = await fetch(new URL(path, base), {
    ...init,
    headers: { Authorization: "Basic " + Buffer.from("lee:lee").toString("base64"), "Content-Type": "application/json" },
  });
  assert.ok(response.ok, `${path}: ${response.status}`);
  return response.status === 204 ? null : response.json();
}

let checks = 0;
const check = (fn) => { fn(); checks++; };

const client = await connect(key);
const tools = (await client.listTools()).tools.map((t) => t.name).sort();
check(() => assert.deepEqual(tools, ["answer_information_request", "get_audit_trail", "get_proposal", "submit_proposal"]));

const routine = await client.callTool({ name: "submit_proposal", arguments: example("routine-reply") });
check(() => assert.equal(routine.structuredContent.status, "APPROVED"));
check(() => assert.match(routine.content[0].text, /APPROVED/));
const rest = await (await fetch(new URL(`/api/v1/proposals/${routine.structuredContent.id}`, base),
  { headers: { Authorization: `Bearer ${key}` } })).json();
check(() => assert.equal(rest.id, routine.structuredContent.id));

const legal = await client.callTool({ name: "submit_proposal", arguments: example("legal-question") });
const id = legal.structuredContent.id;
check(() => assert.equal(legal.structuredContent.status, "PENDING_REVIEW"));
check(() => assert.match(legal.content[0].text, /Tell the customer/));

const progress = [];
const waited = await client.callTool({ name: "get_proposal", arguments: { id, waitSeconds: 2 } }, undefined,
  { onprogress: (p) => progress.push(p), timeout: 30000 });
check(() => assert.equal(waited.structuredContent.status, "PENDING_REVIEW"));
check(() => assert.ok(progress.length > 0 && /legal/.test(progress[0].message), JSON.stringify(progress)));

const [task] = await reviewer(`/engine-rest/task?processInstanceBusinessKey=${id}`);
await reviewer(`/engine-rest/task/${task.id}/complete`, { method: "POST", body: JSON.stringify({ variables: {
  decision: { value: "REQUEST_INFO" }, infoRequest: { value: "Which agreement version?" }, reviewComment: { value: "need it" } } }) });
const asked = await client.callTool({ name: "get_proposal", arguments: { id } });
check(() => assert.equal(asked.structuredContent.status, "AWAITING_INFORMATION"));
const answered = await client.callTool({ name: "answer_information_request", arguments: { id, text: "Version 2024-03." } });
check(() => assert.equal(answered.structuredContent.status, "PENDING_REVIEW"));

const invalid = await client.callTool({ name: "submit_proposal", arguments: { type: "REPLY" } });
check(() => assert.equal(invalid.isError, true));
check(() => assert.match(invalid.content[0].text, /idempotencyKey/));

const trail = await client.callTool({ name: "get_audit_trail", arguments: { id } });
check(() => assert.deepEqual(trail.structuredContent.events.slice(0, 2).map((e) => e.type), ["PROPOSED", "RULES_EVALUATED"]));
const policy = await client.readResource({ uri: "oversight://policies/billing" });
check(() => assert.equal(JSON.parse(policy.contents[0].text).workflow, "billing"));
await client.close();

await assert.rejects(() => connect("wrong-key"), /401|Unauthorized/i);
checks++;

console.log(`mcp client check passed: ${checks} checks`);
