// The graphql-ws document cache: a valid document is parsed and validated once; anything invalid is
// refused every time it is sent, and never kept.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildSchema, specifiedRules, type ValidationRule } from "graphql";
import { createDocumentCache } from "../src/ws-documents.ts";

const schema = buildSchema(`type Query { a: Int, b(x: Int!): Int }`);

describe("createDocumentCache", () => {
  it("validates a query text once, then answers the same document", () => {
    let validations = 0;
    const counting: ValidationRule = () => {
      validations++;
      return {};
    };
    const documents = createDocumentCache(schema, [...specifiedRules, counting]);
    const first = documents("{ a }");
    assert.equal(documents("{ a }"), first);
    assert.equal(validations, 1);
  });

  it("refuses an invalid or unparsable query each time, and keeps none", () => {
    let validations = 0;
    const counting: ValidationRule = () => {
      validations++;
      return {};
    };
    const documents = createDocumentCache(schema, [...specifiedRules, counting]);
    for (let i = 0; i < 2; i++) {
      const invalid = documents("{ nope }");
      assert.ok(Array.isArray(invalid) && /nope/.test(String(invalid[0]!.message)));
      const missingArg = documents("{ b }");
      assert.ok(Array.isArray(missingArg) && missingArg.length === 1);
      const unparsable = documents("{ a ");
      assert.ok(Array.isArray(unparsable) && /Syntax Error/.test(String(unparsable[0]!.message)));
    }
    assert.equal(validations, 4, "each invalid text validated again");
  });
});
