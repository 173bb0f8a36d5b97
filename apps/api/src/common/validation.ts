import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from './domain-error';

function flatten(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints
      ? [{ field, problems: Object.values(error.constraints).map((p) => p.replace(error.property, field)) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The one validation pipe: unknown fields are errors, every problem is named in the message. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: false,
  exceptionFactory: (errors) => {
    const details = flatten(errors);
    const message = details
      .flatMap((d) => d.problems)
      .slice(0, 5)
      .join('; ');
    return new DomainError('validation_failed', message || 'The request is invalid', details);
  },
});

/** Validates a plain object as a request body of `type`, exactly like the HTTP pipeline does. */
export async function validateBody<T extends object>(type: new () => T, value: unknown): Promise<T> {
  const metadata: ArgumentMetadata = { type: 'body', metatype: type };
  return (await validationPipe.transform(value, metadata)) as T;
}
