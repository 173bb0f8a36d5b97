import { repairRequestLine } from './request-line';

describe('repairRequestLine', () => {
  it('leaves a valid origin-form line alone', () => {
    expect(repairRequestLine('GET /gc/t/order?a=1&u=x&p=y HTTP/1.1')).toBeNull();
  });

  it('percent-encodes raw spaces in the target, as some firmware sends them', () => {
    expect(repairRequestLine('GET /cb?a=25&o=323&ak=Rejected&m=TOO BUSY&dt=21:05 HTTP/1.1')).toBe(
      'GET /cb?a=25&o=323&ak=Rejected&m=TOO%20BUSY&dt=21:05 HTTP/1.1',
    );
    expect(repairRequestLine('GET /cb?m=JAM - PLEASE "REORDER" HTTP/1.0')).toBe(
      'GET /cb?m=JAM%20-%20PLEASE%20%22REORDER%22 HTTP/1.0',
    );
  });

  it('turns an absolute-form target into origin form', () => {
    expect(repairRequestLine('GET http://www.example.com/orderrequest.php?a=25&u=demo HTTP/1.1')).toBe(
      'GET /orderrequest.php?a=25&u=demo HTTP/1.1',
    );
    expect(repairRequestLine('GET http://host HTTP/1.1')).toBe('GET / HTTP/1.1');
  });

  it('does not touch what is not a request line', () => {
    expect(repairRequestLine('hello world')).toBeNull();
    expect(repairRequestLine('get /x y HTTP/1.1')).toBeNull();
    expect(repairRequestLine('GET /x y HTTP/one')).toBeNull();
  });
});
