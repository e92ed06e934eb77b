/** SqlHost (over a Durable Object's SQLite storage, in workerd) against the KvHost conformance suite. */
import { KV_HOST_CASES } from "../../js/hosts/kv-host-conformance.js";
import { describeRouteCases } from "./route-cases.js";

describeRouteCases("SqlHost conformance (workerd)", "/__test/kv-conformance/kv-conformance", KV_HOST_CASES);
