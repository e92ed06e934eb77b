/**
 * DynamoDBDocumentClient: lib-dynamodb's client over this package's DynamoDBClient. from() writes the
 * translateConfig onto the base client's config, as lib-dynamodb does, and installs the document
 * marshalling there (document-marshalling.ts), so the base client then runs document commands with
 * those options; send() is the base client's: it takes document commands and low-level ones alike.
 */
import type { DynamoDBClient, DynamoDBClientConfig } from "../client/client.js";
import { DOCUMENT_MARSHALLING, type TranslateConfig } from "./document-marshalling.js";

export class DynamoDBDocumentClient {
  readonly config: DynamoDBClientConfig & { translateConfig?: TranslateConfig };
  /** Runs a command (document or low-level) on the base client. */
  readonly send: DynamoDBClient["send"];

  constructor(client: DynamoDBClient, translateConfig?: TranslateConfig) {
    if (typeof client?.send !== "function" || typeof client.config !== "object") {
      throw new TypeError("do-dynamodb/lib: DynamoDBDocumentClient.from() needs a DynamoDBClient");
    }
    this.config = client.config as DynamoDBDocumentClient["config"];
    this.config.translateConfig = translateConfig;
    this.config.documentMarshalling = DOCUMENT_MARSHALLING;
    this.send = client.send.bind(client) as DynamoDBClient["send"];
  }

  static from(client: DynamoDBClient, translateConfig?: TranslateConfig): DynamoDBDocumentClient {
    return new DynamoDBDocumentClient(client, translateConfig);
  }

  /** Part of the SDK's client surface; the base client is left to its owner. */
  destroy(): void {}
}
