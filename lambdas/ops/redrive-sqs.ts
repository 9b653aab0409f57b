// Replays the analyzer's dead-letter queue on AWS: each message is a Lambda on-failure record
// (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html) whose
// `requestPayload` is the original event; it is invoked again asynchronously, then deleted.
// A message that is not such a record is left in the queue and reported.
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface RedriveResult {
  redriven: number;
  malformed: number;
}

export async function redriveSqs(
  sqs: SQSClient,
  lambda: LambdaClient,
  queueUrl: string,
  functionName: string,
  onMalformed: (messageId: string) => void,
): Promise<RedriveResult> {
  const result: RedriveResult = { redriven: 0, malformed: 0 };
  const seen = new Set<string>();
  for (;;) {
    const out = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 60,
      }),
    );
    const messages = (out.Messages ?? []).filter((m) => m.MessageId && !seen.has(m.MessageId));
    if (messages.length === 0) return result;
    for (const m of messages) {
      seen.add(m.MessageId as string);
      let payload: unknown;
      try {
        payload = (JSON.parse(m.Body ?? '') as { requestPayload?: unknown }).requestPayload;
      } catch {
        payload = undefined;
      }
      if (!payload || typeof payload !== 'object') {
        result.malformed++;
        onMalformed(m.MessageId as string);
        continue;
      }
      await lambda.send(
        new InvokeCommand({
          FunctionName: functionName,
          InvocationType: 'Event',
          Payload: new TextEncoder().encode(JSON.stringify(payload)),
        }),
      );
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
      result.redriven++;
    }
  }
}
