// The project's functions run on Node 20 on purpose (engines, esbuild target and the local
// twin are pinned to it); cdk-nag's L1 wants the newest runtime available.
import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

export function acknowledgeNode20Runtime(fn: IConstruct): void {
  Validations.of(fn).acknowledge({
    id: 'AwsSolutions-L1',
    reason:
      'Node.js 20 is the runtime the project is built, bundled (esbuild target node20) and tested on; moving to a newer runtime is a deliberate, tested upgrade, not a deploy-time default.',
  });
}
