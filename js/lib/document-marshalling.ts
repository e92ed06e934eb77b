/**
 * The document rules a DynamoDBClient runs document commands with (this package's PutCommand, ...,
 * and lib-dynamodb's, which carry the same inputKeyNodes/outputKeyNodes): native values in the input
 * are marshalled along the command's key nodes, and the output unmarshalled along its own, with the
 * client's translateConfig as lib-dynamodb reads it (convertTopLevelContainer and
 * convertWithoutMapWrapper default to true). This package's document commands carry it
 * (commands.ts), so they run on any client; DynamoDBDocumentClient.from installs it on the client it
 * wraps, for lib-dynamodb's commands; the low-level client knows nothing of native values.
 */
import type { DocumentMarshalling } from "../client/client.js";
import { marshallInput, unmarshallOutput, type KeyNodes } from "./key-nodes.js";
import type { marshallOptions } from "./marshall.js";
import type { unmarshallOptions } from "./unmarshall.js";

/** lib-dynamodb's translateConfig: how document commands (un)marshall native values. */
export interface TranslateConfig {
  marshallOptions?: marshallOptions;
  unmarshallOptions?: unmarshallOptions;
}

const NO_OPTIONS: Readonly<TranslateConfig & marshallOptions & unmarshallOptions> = Object.freeze({});

export const DOCUMENT_MARSHALLING: DocumentMarshalling = {
  marshallInput(input, keyNodes, translateConfig) {
    const { marshallOptions = NO_OPTIONS } = (translateConfig ?? NO_OPTIONS) as TranslateConfig;
    return marshallInput(input, keyNodes as KeyNodes, {
      ...marshallOptions,
      convertTopLevelContainer: marshallOptions.convertTopLevelContainer ?? true,
    });
  },
  unmarshallOutput(output, keyNodes, translateConfig) {
    const { unmarshallOptions = NO_OPTIONS } = (translateConfig ?? NO_OPTIONS) as TranslateConfig;
    return unmarshallOutput(output, keyNodes as KeyNodes, {
      ...unmarshallOptions,
      convertWithoutMapWrapper: unmarshallOptions.convertWithoutMapWrapper ?? true,
    });
  },
};
