// The ribbon's function file: the only command opens the task pane (declared in manifest.xml),
// so this page just has to initialise Office.
Office.onReady(() => undefined);
