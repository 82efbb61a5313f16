/**
 * Origins of the stand-in CRM and the API on this computer. The content
 * scripts run there from the manifest; other sites are added at run time.
 */
export const LOCAL_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];
