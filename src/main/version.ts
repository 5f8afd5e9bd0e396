import { version } from '../../package.json';

export const TT_VERSION: string = version;
