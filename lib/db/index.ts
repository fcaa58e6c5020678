/** The app's database door: server code only (a client bundle that reaches it fails the build). */
import 'server-only';

export * from './handle';
