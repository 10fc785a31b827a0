package org.originrelay.contracts.domain;

/** Whether a certificate proves electricity produced or consumed. */
public enum CertificateType {
    PRODUCTION,
    CONSUMPTION
}
