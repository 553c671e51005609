import { describeHostContract } from './contract/host-contract';
import { fileSubject } from './contract/subjects';

describeHostContract('file', fileSubject);
