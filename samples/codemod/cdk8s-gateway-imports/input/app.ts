import { App } from 'cdk8s';
import { Routes } from './charts/routes';
import { Ingress } from './main';

const app = new App();
new Ingress(app, 'ingress');
new Routes(app, 'routes');
app.synth();
